import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EmbeddingsAnswer, EmbeddingsCall, EmbeddingsProvider } from '../providers/embeddings-provider';
import { TokenCounter } from '../providers/token-counter';
import { type EmbeddingsInput, embeddingInputs } from '../openai/embeddings.schema';

/** text-embedding-3-small's size, the default when a request names no `dimensions`. */
export const SIMULATED_EMBEDDING_DIMENSIONS = 1_536;

/**
 * Embeddings without a model: each input's vector is derived from a hash of the model and the input
 * (same input, same vector), has the requested `dimensions` and unit length, and is sent as floats or
 * as base64 little-endian float32 as `encoding_format` asks. Usage counts the input's tokens.
 */
@Injectable()
export class SimulatedEmbeddings implements EmbeddingsProvider {
  constructor(private readonly tokens: TokenCounter) {}

  embeddings(call: EmbeddingsCall): Promise<EmbeddingsAnswer> {
    const inputs = embeddingInputs(call.body.input as EmbeddingsInput);
    const dimensions = typeof call.body.dimensions === 'number' ? call.body.dimensions : SIMULATED_EMBEDDING_DIMENSIONS;
    const base64 = call.body.encoding_format === 'base64';
    const data = inputs.map((input, index) => {
      const vector = embeddingOf(call.model, input, dimensions);
      return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : Array.from(vector) };
    });
    const promptTokens = inputs.reduce(
      (total, input) => total + (typeof input === 'string' ? this.tokens.count(input) : input.length),
      0,
    );
    return Promise.resolve({
      body: {
        object: 'list',
        data,
        model: call.model,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      },
      inputTokens: promptTokens,
      responseModel: call.model,
    });
  }
}

/** A unit vector from SHA-256 in counter mode: bytes → values in [-1, 1), then normalised. */
export function embeddingOf(model: string, input: string | readonly number[], dimensions: number): Float32Array {
  const key = JSON.stringify([model, input]);
  const vector = new Float32Array(dimensions);
  let filled = 0;
  for (let block = 0; filled < dimensions; block++) {
    const digest = createHash('sha256').update(key).update(String(block)).digest();
    for (let i = 0; i + 1 < digest.length && filled < dimensions; i += 2) {
      vector[filled++] = digest.readUInt16LE(i) / 32_768 - 1;
    }
  }
  const norm = Math.hypot(...vector) || 1;
  for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}

function toBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [i, value] of vector.entries()) bytes.writeFloatLE(value, i * 4);
  return bytes.toString('base64');
}
