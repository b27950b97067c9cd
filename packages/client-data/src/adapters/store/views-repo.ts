import type { SavedView } from '@hub/contracts';
import type { Db } from './db';

interface ViewRow { id: string; name: string; definition: SavedView['definition']; updated_at: Date }
const toView = (r: ViewRow): SavedView => ({ id: r.id, name: r.name, definition: r.definition, updatedAt: new Date(r.updated_at).toISOString() });

export class DuplicateNameError extends Error {}

/** Saved dashboard views, one list per user, kept on the server so they follow the user across devices. */
export class ViewsRepo {
  constructor(private readonly db: Db) {}

  async list(userId: string): Promise<SavedView[]> {
    return (await this.db.query<ViewRow>('SELECT id, name, definition, updated_at FROM saved_views WHERE user_id = $1 ORDER BY lower(name)', [userId])).map(toView);
  }

  async create(userId: string, name: string, definition: SavedView['definition']): Promise<SavedView> {
    const [row] = await this.db.query<ViewRow>(
      `INSERT INTO saved_views (user_id, name, definition) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, name) DO NOTHING RETURNING id, name, definition, updated_at`,
      [userId, name, JSON.stringify(definition)],
    );
    if (!row) throw new DuplicateNameError(`A view named “${name}” already exists.`);
    return toView(row);
  }

  async update(userId: string, id: string, name: string, definition: SavedView['definition']): Promise<SavedView | null> {
    try {
      const [row] = await this.db.query<ViewRow>(
        `UPDATE saved_views SET name = $3, definition = $4, updated_at = now() WHERE user_id = $1 AND id = $2
         RETURNING id, name, definition, updated_at`,
        [userId, id, name, JSON.stringify(definition)],
      );
      return row ? toView(row) : null;
    } catch (err) {
      if (String((err as { code?: unknown }).code) === '23505') throw new DuplicateNameError(`A view named “${name}” already exists.`);
      throw err;
    }
  }

  async remove(userId: string, id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM saved_views WHERE user_id = $1 AND id = $2 RETURNING id', [userId, id])).length > 0;
  }
}
