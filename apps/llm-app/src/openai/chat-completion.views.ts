import type { FinishReason } from '../providers/chat-provider';

export interface UsageView {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletionView {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    finish_reason: FinishReason;
    logprobs: null;
  }[];
  usage: UsageView;
}

export interface ChatCompletionChunkView {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string };
    finish_reason: FinishReason | null;
    logprobs: null;
  }[];
  usage?: UsageView | null;
}

export interface ModelListView {
  object: 'list';
  data: { id: string; object: 'model'; created: number; owned_by: string }[];
}
