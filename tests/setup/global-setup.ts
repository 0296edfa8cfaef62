// Starts the services integration tests need (filled in by the foundation work).
export default async function globalSetup(): Promise<void> {}
