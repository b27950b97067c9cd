import { savedViewInputSchema, type SavedView } from '@hub/contracts';
import type { ViewsRepo } from '../adapters/store/views-repo';
import { NotFoundError, ValidationError } from '../errors';

function parse(input: unknown) {
  const r = savedViewInputSchema.safeParse(input);
  if (!r.success) throw new ValidationError('The view is not valid.', r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

/** Saved dashboard views per user. */
export class ViewsService {
  constructor(private readonly repo: ViewsRepo) {}
  list(userId: string): Promise<SavedView[]> {
    return this.repo.list(userId);
  }
  create(userId: string, input: unknown): Promise<SavedView> {
    const v = parse(input);
    return this.repo.create(userId, v.name, v.definition);
  }
  async update(userId: string, id: string, input: unknown): Promise<SavedView> {
    const v = parse(input);
    const saved = await this.repo.update(userId, id, v.name, v.definition);
    if (!saved) throw new NotFoundError('View');
    return saved;
  }
  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repo.remove(userId, id))) throw new NotFoundError('View');
  }
}
