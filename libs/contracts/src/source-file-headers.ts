/**
 * Headers on every record the producer's `files` source publishes, and on its dead letters: where
 * the row came from. `sluice-source-file` is the file's absolute path in the landing directory
 * (the key of its checkpoint); `sluice-source-line` the 1-based line of the file where the row
 * starts (a CSV row with quoted line breaks spans several lines; the header row is line 1).
 */
export const SourceFileHeaders = {
  file: 'sluice-source-file',
  line: 'sluice-source-line',
} as const;
