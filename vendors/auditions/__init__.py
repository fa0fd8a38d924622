"""Step 10 « auditions »: shortlist, questions, convocations, records, complements."""
