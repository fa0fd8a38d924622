// Needs grid (step 6): announce each inline save in the page's live region.
// The server names the saved requirement in an HX-Trigger "gridSaved" event.
document.body.addEventListener("gridSaved", (event) => {
  const live = document.getElementById("grid-live");
  if (live && event.detail && event.detail.message) {
    live.textContent = "";
    // A fresh text node after clearing makes screen readers announce a repeated message.
    window.setTimeout(() => { live.textContent = event.detail.message; }, 50);
  }
});
