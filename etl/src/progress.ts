/** Progress on a terminal as one rewritten line (records, records/s); plain lines elsewhere. */
export interface Progress {
  count(records: number): void;
  message(text: string): void;
  done(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let last = 0;
  const tty = Boolean(stream.isTTY);
  const rate = (n: number) => Math.round(n / Math.max((Date.now() - started) / 1000, 0.001));
  return {
    count(records) {
      const now = Date.now();
      if (now - last < (tty ? 100 : 5000)) return;
      last = now;
      const text = `${label}: ${records.toLocaleString('tr-TR')} kayıt / records, ${rate(records).toLocaleString('tr-TR')} kayıt/s`;
      if (tty) stream.write(`\r\x1b[2K${text}`);
      else stream.write(`${text}\n`);
    },
    message(text) {
      if (tty) stream.write('\r\x1b[2K');
      stream.write(`${text}\n`);
    },
    done() {
      if (tty) stream.write('\r\x1b[2K');
    },
  };
}
