// Shows the print button only where script runs; printing from the
// browser menu works without it.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print-button");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
