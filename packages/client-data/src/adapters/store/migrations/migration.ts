/** One step of the schema history. */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}
