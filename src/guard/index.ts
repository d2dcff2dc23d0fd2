export type { ApprovalAnswer, ApprovalCallback, ApprovalRequest } from './approval-broker.js';
export { ApprovalBroker } from './approval-broker.js';
export type { WardenEvents, WardenEventType } from './events.js';
export type { GuardContext, ToolCallContext, ToolFunction, ToolReport } from './guard.js';
export { Guard } from './guard.js';
export type { Warden, WardenOptions } from './warden.js';
export { createWarden } from './warden.js';
export type { OutputStage } from './warden-core.js';
