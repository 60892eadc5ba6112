/**
 * Where JSON text stops being valid. Only used after JSON.parse has failed, because Node 20's
 * messages do not always say where ("Unexpected token 'x', ... is not valid JSON").
 */
export function syntaxErrorOffset(text: string): number {
  let pos = 0;
  const fail = (): never => {
    throw pos;
  };
  const ws = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[pos++] !== ch) (pos--, fail());
  };
  const string = () => {
    pos++;
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === '"') return void pos++;
      if (ch === '\\') pos++;
      else if (ch < ' ') fail();
      pos++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m) fail();
    pos += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      ws();
      if (text[pos] === '}') return void pos++;
      for (;;) {
        ws();
        if (text[pos] !== '"') fail();
        string();
        ws();
        if (text[pos] !== ':') fail();
        pos++;
        value();
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') return void pos++;
        else fail();
      }
    }
    if (ch === '[') {
      pos++;
      ws();
      if (text[pos] === ']') return void pos++;
      for (;;) {
        value();
        ws();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') return void pos++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    return pos < text.length ? pos : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}
