/** A versioned schema change. Ids sort in application order within their module. */
export interface Migration {
  id: string;
  sql: string;
}
