// Provider schemes: one file per sender. Each factory returns a `Scheme` (see scheme.ts).
export {}
