import { z } from 'zod';
const f = (format) => z.string().refine(() => true, 'x').meta({ format });
const s = f('uri').refine(() => true).meta({ maxLength: 5 }).nullable().describe('d');
console.log(JSON.stringify(z.toJSONSchema(z.object({ a: s }))));
console.log(JSON.stringify(z.toJSONSchema(z.object({ a: f('email').min(2) }))));
