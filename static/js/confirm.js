// Irreversible actions ask first: a form with data-confirm="…" is sent only once the user
// accepts the question (no inline handler: the content security policy forbids them).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
