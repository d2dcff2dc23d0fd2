export const MAIN_HELP = `warden: security runtime for AI agents

Usage: warden <command> [options]

Commands:
  policy eval   decide tool calls against an agent profile
  check         validate a config and run the pre-deployment checklist
  schema        print the JSON Schema of warden.yaml
  demo          show the policy engine deciding calls an attacker would try
  kill, revive  trip or clear the kill switch (all, an agent, a session) in the shared store
  approvals     list, approve or deny approval requests waiting in the shared store
  audit         verify, export, tail the tamper-evident audit log; print its public key
  scan          find secrets, PII, prompt injection, exfiltration links and hidden text in text
  redact        print text with secrets and PII replaced by typed placeholders
  gateway       serve MCP servers behind one authenticated, policy-checked, audited endpoint
  keys          create, list, revoke API keys for gateway clients
  pins          list, diff, approve pinned MCP tool definitions (rug-pull protection)
  sandbox       run a command (bubblewrap + seccomp + limits) or JavaScript (isolated-vm) in isolation

Options:
  -h, --help     help for warden or a command (warden policy eval --help)
  -v, --version  print the version

Exit codes:
  0  success (for policy eval: whatever the decision)
  1  warden check found an error-level risk; warden audit verify found tampering;
     warden scan found something
  2  bad input: unknown option, unreadable or invalid config, malformed arguments
  3  internal error
  warden sandbox run: the command's own exit code; 124 timeout, 125 another sandbox limit or rule,
     126 no sandbox on this host (see warden sandbox --help)
`;

export const POLICY_EVAL_HELP = `Usage:
  warden policy eval --config FILE --agent NAME --tool TOOL [--args JSON] [--json]
  warden policy eval --config FILE --agent NAME --jsonl FILE

Decide tool calls without running them.

Options:
  --config FILE   warden.yaml (default: ./warden.yaml)
  --agent NAME    agent profile to decide for
  --tool TOOL     tool name, e.g. fs.read
  --args JSON     tool arguments as a JSON object (default {})
  --json          print exactly one JSON object {"effect", "reasons"}
  --jsonl FILE    read one {"tool", "args"} object per line ("-" for stdin); print one decision per line

Exit 0 whatever the effect; 2 on bad input.
`;

export const CHECK_HELP = `Usage: warden check [--config FILE] [--json]

Validate the config (every problem with file, line and column) and run the pre-deployment
checklist: code execution allowed, write scopes covering / or a home directory, no audit log,
no limits, state-changing tools without approval, literal secrets, MCP servers run with an
unpinned npx.

Options:
  --config FILE   warden.yaml (default: ./warden.yaml)
  --json          print {"ok", "findings": [...]}

Exit 0 when no error-level finding exists, 1 otherwise, 2 when the config cannot be read.
`;

export const SCHEMA_HELP = `Usage: warden schema

Print the JSON Schema of warden.yaml (for editors: yaml-language-server, VS Code).
`;
