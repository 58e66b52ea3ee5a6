import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';

const common: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

function withFormats(ajv: Ajv): Ajv {
  addFormats.default(ajv);
  return ajv;
}

// Query strings and path parameters only ever arrive as text, so they are coerced ("3" → 3);
// JSON bodies are not: a client that sends {"seats": "3"} has a bug and gets a 400 that says so.
const coercing = withFormats(new Ajv({ ...common, coerceTypes: 'array' }));
const strict = withFormats(new Ajv({ ...common, coerceTypes: false }));

export default fp(
  async function validation(app: FastifyInstance) {
    app.setValidatorCompiler<FastifySchema>(({ schema, httpPart }) => {
      const ajv = httpPart === 'body' ? strict : coercing;
      return ajv.compile(schema as object);
    });
  },
  { name: 'validation' },
);
