/**
 * An incoming activity with every NUL (\u0000) removed from its strings (text, names, ids). Nothing a person sends in
 * Teams needs one, and PostgreSQL cannot store it (users, conversation references): removed once here, before
 * botbuilder or the hub sees the activity, it cannot turn a chat message into a database error.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replace(/\u0000/g, '') : value) as T; // eslint-disable-line no-control-regex
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}
