// Placeholder: the generated RouterOS schema and its lookup API land here (issue 9).
export {};
