/**
 * Schemas of the incident report's part of the API (docs/api.md, docs/reports.md): the case
 * details printed on the cover, and writing the report to a file on the engine's machine.
 */
import { z } from 'zod';

export const REPORT_FORMATS = ['pdf', 'html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CaseText = z.string().max(500);

/** Case details (`meta` keys `case.id`, `case.title`, `case.investigator`, `case.organisation`); empty when unset. */
export const CaseDetailsSchema = z.strictObject({
  id: CaseText,
  title: CaseText,
  investigator: CaseText,
  organisation: CaseText,
});
export type CaseDetails = z.infer<typeof CaseDetailsSchema>;

export const REPORT_METHODS = {
  'case.get': { req: z.strictObject({}), res: CaseDetailsSchema },
  /** Sets the details given (an empty string clears one); answers all of them. */
  'case.set': { req: CaseDetailsSchema.partial(), res: CaseDetailsSchema },
  /** Writes the incident report of what is loaded to a path on the engine's machine. */
  'report.write': {
    req: z.strictObject({ path: z.string().min(1).max(4096), format: z.enum(REPORT_FORMATS) }),
    res: z.strictObject({ path: z.string(), bytes: z.number().int(), pages: z.number().int().optional() }),
  },
} as const;
