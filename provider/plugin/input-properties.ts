import { z } from "zod";
import type { PropertySpec } from "./schema";

// The part of a property's JSON Schema (as zod writes it) that a Pulumi property spec is made of.
interface JsonSchemaProperty {
  type?: string;
  items?: { type?: string };
  description?: string;
}

interface JsonSchemaObject {
  properties?: Record<string, JsonSchemaProperty>;
  required?: string[];
}

const scalarTypes = ["string", "number", "boolean"] as const;
type ScalarType = (typeof scalarTypes)[number];

function inputJsonSchema(schema: z.ZodObject): JsonSchemaObject {
  // The inputs a program gives, which is what a Pulumi schema's inputProperties declare.
  return z.toJSONSchema(schema, { io: "input" }) as JsonSchemaObject;
}

function scalarType(key: string, type: string | undefined): ScalarType {
  const scalar = scalarTypes.find((known) => known === type);
  if (scalar === undefined) throw new Error(`input ${key} is of JSON Schema type ${String(type)}, which the vobiz schema does not map to a Pulumi type`);
  return scalar;
}

function propertySpec(key: string, property: JsonSchemaProperty | undefined): PropertySpec {
  if (property === undefined) throw new Error(`input ${key} is missing from the JSON Schema of its zod schema`);
  const { description } = property;
  if (description === undefined) throw new Error(`input ${key} has no description; give its zod schema one with .describe()`);
  if (property.type === "array") {
    if (property.items?.type !== "string") throw new Error(`input ${key} is a list of ${String(property.items?.type)}; the vobiz schema maps lists of text only`);
    return { type: "array", items: { type: "string" }, description };
  }
  return { type: scalarType(key, property.type), description };
}

/**
 * The `inputProperties` of a resource in the Pulumi package schema, from the zod schema of its inputs (its
 * input-schema.ts): each property's type and its description, in the zod schema's order. Throws when a
 * property has no description or a type the mapping does not know.
 */
export function inputPropertiesOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): Record<keyof Shape & string, PropertySpec> {
  const properties = inputJsonSchema(schema).properties ?? {};
  const keys = Object.keys(schema.shape) as (keyof Shape & string)[];
  return Object.fromEntries(keys.map((key) => [key, propertySpec(key, properties[key])])) as Record<keyof Shape & string, PropertySpec>;
}

/** The `requiredInputs` of a resource in the Pulumi package schema: the properties its zod schema does not mark optional. */
export function requiredInputsOf(schema: z.ZodObject): string[] {
  return inputJsonSchema(schema).required ?? [];
}
