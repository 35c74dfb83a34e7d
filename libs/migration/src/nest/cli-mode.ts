/**
 * Set while the application runs as the migration CLI: `runOnBootstrap` must not upgrade
 * before a `downgrade` or `stamp` the user asked for.
 */
export const cliMode = { active: false };
