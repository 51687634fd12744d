// The query parameter that picks a CSV dialect (views/feeds/csv.ts): `voor=excel` for a double
// click in Excel with Dutch settings, RFC 4180 otherwise.
import { Type } from 'typebox';

export const CsvQuery = Type.Object({ voor: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('excel')])) });
