/** A malformed `conditions` string: always answered with 400, never treated as "no filter". */
export class ConditionSyntaxError extends Error {}
