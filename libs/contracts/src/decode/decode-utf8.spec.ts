import { decodeUtf8 } from './decode-utf8';

describe('decodeUtf8', () => {
  it('decodes valid UTF-8', () => {
    expect(decodeUtf8(Buffer.from('¿Qué?'), 100)).toEqual({ ok: true, value: '¿Qué?' });
  });

  it('strips a leading BOM', () => {
    expect(decodeUtf8(Buffer.from('\ufeffEl ingenioso'), 100)).toEqual({ ok: true, value: 'El ingenioso' });
  });

  it('rejects invalid UTF-8 instead of replacing bytes', () => {
    const d = decodeUtf8(Buffer.from([0x61, 0xc3, 0x28]), 100);
    expect(d).toEqual({ ok: false, reason: 'invalid-utf8', detail: 'record value is not valid UTF-8' });
  });

  it('rejects a value over the maximum, naming both sizes', () => {
    const d = decodeUtf8(Buffer.alloc(2 * 1024 * 1024, 0x61), 1024 * 1024);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toBe('too-large');
    expect(!d.ok && d.detail).toContain('2097152 bytes, over the maximum of 1048576 bytes');
  });

  it('accepts a value of exactly the maximum', () => {
    expect(decodeUtf8(Buffer.alloc(10, 0x61), 10).ok).toBe(true);
  });

  it('rejects null', () => {
    expect(decodeUtf8(null, 10)).toMatchObject({ ok: false, reason: 'null-value' });
  });
});
