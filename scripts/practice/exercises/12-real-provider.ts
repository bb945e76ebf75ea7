import { type Exercise } from '../exercise';
import { http } from '../inspect';

interface ModelList {
  readonly data?: readonly { readonly id: string; readonly owned_by: string }[];
}

export const pointAtARealProvider: Exercise = {
  number: 12,
  title: 'Point llm-app at a real provider',
  level: 'advanced',
  inspects: 'llm-app’s /v1/models, /ready and one small chat completion (--api-key when access is on)',
  async check(target) {
    const headers: Record<string, string> = target.answers['api-key']
      ? { authorization: `Bearer ${target.answers['api-key']}` }
      : {};
    const models = await http(`${target.llmAppUrl}/v1/models`, { headers });
    if (typeof models === 'string') return [`llm-app: ${models}; is it running?`];
    if (models.status === 401) return ['llm-app wants a key: npm run practice -- 12 --api-key <LLM_API_KEYS entry>'];
    const upstream = ((models.body as ModelList | undefined)?.data ?? []).filter((m) => m.owned_by !== 'simulated');
    if (upstream.length === 0) {
      return [
        'llm-app serves only the simulator: set LLM_UPSTREAM_BASE_URL, LLM_UPSTREAM_MODELS and LLM_UPSTREAM_API_KEY, then restart it',
      ];
    }
    const problems: string[] = [];
    const ready = await http(`${target.llmAppUrl}/ready`);
    if (typeof ready === 'string' || ready.status !== 200) {
      problems.push(
        `llm-app's /ready is not 200 (${typeof ready === 'string' ? ready : ready.text.slice(0, 200)}): the provider is not reachable`,
      );
    }
    const model = target.answers.model ?? upstream[0]!.id;
    const completion = await http(`${target.llmAppUrl}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: { model, max_tokens: 16, messages: [{ role: 'user', content: 'Say hello in three words.' }] },
    });
    if (typeof completion === 'string') problems.push(`llm-app: ${completion}`);
    else if (completion.status !== 200) {
      problems.push(`a chat completion with ${model} answered ${completion.status}: ${completion.text.slice(0, 300)}`);
    } else if (((completion.body as { usage?: { total_tokens?: number } }).usage?.total_tokens ?? 0) <= 0) {
      problems.push(`the completion with ${model} reports no token usage`);
    }
    return problems;
  },
};
