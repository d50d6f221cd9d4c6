/**
 * Lists longer than their DTO allows are refused before class-transformer and class-validator
 * see them: both walk every element (an instance each, then every nested rule of every
 * element), so `lines: [{}, {}, ...]` in a 1 MiB body cost seconds and gigabytes and answered
 * an error per field of every element. The limit is the DTO's own `ArrayMaxSize`, so the
 * check can never disagree with the validation that follows.
 */
import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import type { FieldError } from './problem';

// class-transformer's `@Type` registry (what @nestjs/mapped-types reads too); the package ships no typings for this path.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

type Dto = abstract new (...args: never[]) => unknown;

/** Problems of the lists of `input` (empty when none is too long), named like class-validator's fields. */
export function oversizedLists(input: unknown, dto: Dto, parent = ''): FieldError[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return [];
  const value = input as Record<string, unknown>;
  const problems: FieldError[] = [];
  const oversized = new Set<string>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const list = value[rule.propertyName];
    const max = rule.constraints?.[0] as number;
    if (rule.name !== 'arrayMaxSize' || !Array.isArray(list) || list.length <= max) continue;
    oversized.add(rule.propertyName);
    problems.push({ field: join(parent, rule.propertyName), message: `${rule.propertyName} must contain no more than ${max} elements` });
  }
  for (const property of Object.keys(value)) {
    const nested = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction();
    if (oversized.has(property) || typeof nested !== 'function') continue;
    const child = value[property];
    const field = join(parent, property);
    if (Array.isArray(child)) child.forEach((item, index) => problems.push(...oversizedLists(item, nested as Dto, `${field}[${index}]`)));
    else problems.push(...oversizedLists(child, nested as Dto, field));
  }
  return problems;
}

const join = (parent: string, property: string) => (parent ? `${parent}.${property}` : property);
