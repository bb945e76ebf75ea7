import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { generateRequestId } from './request-id';

const rawWith = (header?: string): IncomingMessage =>
  ({ headers: header === undefined ? {} : { 'x-request-id': header } }) as unknown as IncomingMessage;

describe(generateRequestId.name, () => {
  it('keeps a plain incoming id and stores it on the raw request for the log line', () => {
    const raw = rawWith('ingress-7f3a');
    expect(generateRequestId(raw)).toBe('ingress-7f3a');
    expect((raw as IncomingMessage & { id?: string }).id).toBe('ingress-7f3a');
  });

  it('makes a UUID when none is sent', () => {
    expect(generateRequestId(rawWith())).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never returns an id with characters that could break out of a log field', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        expect(generateRequestId(rawWith(header))).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
      }),
    );
  });
});
