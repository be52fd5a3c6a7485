// Prints a grader's result for every shared vector as JSON ({"error": message}
// for a refusal), so the Python suite can compare it field by field with
// grade(). The grader is grading.js, or the module named on the command line
// (the linked bundle a notebook or book page loads).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const source = process.argv[2]
  ? pathToFileURL(process.argv[2]).href
  : new URL("../../src/mentor_course/widgets/static/grading.js", import.meta.url).href;
const { grade } = await import(source);
const vectors = JSON.parse(readFileSync(new URL("../grading_vectors.json", import.meta.url), "utf8"));
// The questions a vector's attempt showed: those it names, or every one.
const shown = (vector) => vector.shown ?? vectors.bank.questions.map((q) => q.id);
const outcome = (vector) => {
  try {
    return grade(vectors.bank, vector.answers, shown(vector));
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
};
console.log(JSON.stringify([...vectors.cases, ...vectors.refused].map(outcome)));
