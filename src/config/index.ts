export type { ConfigInput, ConfigReport, LoadedAgent, LoadedConfig } from './load-config.js';
export { formatIssues, inspectConfig, loadConfig } from './load-config.js';
export type {
  AgentProfileConfig,
  ApprovalRuleConfig,
  ArgMatcherConfig,
  ConditionConfig,
  GatewayConfig,
  LimitsConfig,
  ServerConfig,
  ToolRuleConfig,
  WardenConfigInput,
} from './schema.js';
export { configJsonSchema, WardenConfigSchema } from './schema.js';
