export interface UsageView {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  [detail: string]: unknown;
}

/**
 * A chat.completion as the client gets it: the provider's object with the
 * public model name (an upstream's extra fields kept, hence the index signatures).
 */
export interface ChatCompletionView {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string | null; refusal?: string | null; [field: string]: unknown };
    finish_reason: string;
    logprobs?: unknown;
    [field: string]: unknown;
  }[];
  usage: UsageView;
  [field: string]: unknown;
}

export interface ChatCompletionChunkView {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string; [field: string]: unknown };
    finish_reason: string | null;
    logprobs?: unknown;
    [field: string]: unknown;
  }[];
  usage?: UsageView | null;
  [field: string]: unknown;
}

export interface ModelListView {
  object: 'list';
  data: { id: string; object: 'model'; created: number; owned_by: string }[];
}
