export { startServer, STATUS_NOTIFICATION, type ServerSettings, type ServerOptions } from './server.js';
export { main } from './main.js';
export { LintSettingsLoader, parseRulesSection, CONFIG_FILE_NAME, type LintSettings } from './lint-settings.js';
