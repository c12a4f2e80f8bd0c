/**
 * Where Asterisk finds a catalogue prompt's audio. Kept apart from the catalogue (which reads
 * files) so the pure runner can name a prompt's media too.
 */
export function promptMedia(id: string): string {
  return `sound:cc1357/ko/${id}`;
}
