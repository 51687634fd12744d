import { Type } from 'typebox';

/** A schema that also allows null (TypeBox 1 has no Nullable of its own). */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
