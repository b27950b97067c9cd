// Filled in once the store exists: migrates a PGlite database once and dumps it for every suite.
export default async function globalSetup(): Promise<void> {}
