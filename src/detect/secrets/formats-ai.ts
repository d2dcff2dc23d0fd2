// Token formats of AI and model-hosting APIs.
import { caseSwitchRate } from './randomness.js';
import type { TokenFormat } from './token-format.js';

// OpenAI keys carry `T3BlbkFJ` (base64 of `OpenAI`); without it `sk-` says too little.
const OPENAI_MARKER = 'T3BlbkFJ';

// Hugging Face bodies are 34 random letters: random mixed case switches case often.
const randomLetters = (body: string) =>
  /[a-z]/.test(body) && /[A-Z]/.test(body) && caseSwitchRate(body) >= 0.25;

export const AI_FORMATS: readonly TokenFormat[] = [
  {
    type: 'anthropic-api-key',
    provider: 'Anthropic',
    title: 'Anthropic API key',
    prefixes: ['sk-ant-'],
    pattern: 'sk-ant-api[0-9]{2}-[A-Za-z0-9_-]{93}AA',
    score: 0.95,
  },
  {
    type: 'anthropic-admin-api-key',
    provider: 'Anthropic',
    title: 'Anthropic admin API key',
    prefixes: ['sk-ant-'],
    pattern: 'sk-ant-admin[0-9]{2}-[A-Za-z0-9_-]{93}AA',
    score: 0.95,
  },
  {
    type: 'openai-api-key',
    provider: 'OpenAI',
    title: 'OpenAI API key',
    prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-', 'sk-'],
    pattern: 'sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,300}',
    validate: (token) => token.includes(OPENAI_MARKER),
    score: 0.95,
    distinctive: false,
  },
  {
    type: 'openrouter-api-key',
    provider: 'OpenRouter',
    title: 'OpenRouter API key',
    prefixes: ['sk-or-v1-'],
    pattern: 'sk-or-v1-[a-f0-9]{64}',
  },
  {
    type: 'huggingface-access-token',
    provider: 'Hugging Face',
    title: 'Hugging Face access token',
    prefixes: ['hf_'],
    pattern: 'hf_[A-Za-z]{34}',
    validate: (token) => randomLetters(token.slice(3)),
  },
  {
    type: 'huggingface-access-token',
    provider: 'Hugging Face',
    title: 'Hugging Face organization API token',
    prefixes: ['api_org_'],
    pattern: 'api_org_[A-Za-z]{34}',
    validate: (token) => randomLetters(token.slice(8)),
  },
  {
    type: 'groq-api-key',
    provider: 'Groq',
    title: 'Groq API key',
    prefixes: ['gsk_'],
    pattern: 'gsk_[A-Za-z0-9]{52}',
  },
  {
    type: 'perplexity-api-key',
    provider: 'Perplexity',
    title: 'Perplexity API key',
    prefixes: ['pplx-'],
    pattern: 'pplx-[A-Za-z0-9]{48}',
  },
  {
    type: 'xai-api-key',
    provider: 'xAI',
    title: 'xAI API key',
    prefixes: ['xai-'],
    pattern: 'xai-[A-Za-z0-9]{80}',
  },
  {
    type: 'replicate-api-token',
    provider: 'Replicate',
    title: 'Replicate API token',
    prefixes: ['r8_'],
    pattern: 'r8_[A-Za-z0-9]{37}',
  },
];
