// Prints grading.js's result for every shared vector as JSON, so the Python
// suite can compare it field by field with grade().
import { readFileSync } from "node:fs";

import { grade } from "../../src/mentor_course/widgets/static/grading.js";

const vectors = JSON.parse(readFileSync(new URL("../grading_vectors.json", import.meta.url), "utf8"));
console.log(JSON.stringify(vectors.cases.map((vector) => grade(vectors.bank, vector.answers))));
