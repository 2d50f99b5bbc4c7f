// Its own module so that the pipeline can stamp reports without building the zod report schema.
export const SCHEMA_VERSION = 1;
