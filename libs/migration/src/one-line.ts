/**
 * `text` as one line: each line break, with the spaces around it, becomes ` ⏎ `. Nothing is cut,
 * so a statement that spans lines is shown whole in a one-line error.
 */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]\s*/g, ' ⏎ ');
}
