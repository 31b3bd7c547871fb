/**
 * How keys become words in labels: the property labels of forms, problems and diffs, and the port labels the
 * catalog does not name.
 */

const ACRONYMS: Readonly<Record<string, string>> = {
  url: 'URL',
  sid: 'SID',
  sip: 'SIP',
  id: 'ID',
  tts: 'TTS',
  dtmf: 'DTMF',
  http: 'HTTP',
  json: 'JSON',
};

/** "Caller id" → "Caller ID", "Transcription callback url" → "Transcription callback URL". */
export function fixAcronyms(label: string): string {
  return label.replace(/\b[A-Za-z]+\b/g, (w) => ACRONYMS[w.toLowerCase()] ?? w);
}

/** A key in words, first letter capitalised: `caller_id` → "Caller id", `noAnswer` → "No Answer". */
export function keyInWords(key: string): string {
  const words = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A property's label made from its key, as fields show it: `caller_id` → "Caller ID". */
export function keyLabel(key: string): string {
  return fixAcronyms(keyInWords(key));
}
