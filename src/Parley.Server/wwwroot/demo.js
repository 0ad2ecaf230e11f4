// Demo only (a file, not inline: the page runs under a Content-Security-Policy): insert the tag in index.html's template, with ?queue=… choosing the queue; the hero button opens the chat.
(function () {
  var tag = document.importNode(document.getElementById("parley-embed").content, true).firstElementChild;
  var queue = new URLSearchParams(location.search).get("queue");
  if (queue) tag.setAttribute("data-queue", queue);
  document.body.appendChild(tag);
  document.querySelector("[data-open-chat]").addEventListener("click", function () {
    if (window.Parley) window.Parley.open();
  });
  // Every role serves this page, but only a core or an all-in-one server (and no proxy in front of it) serves the
  // agent desktop: show its link only where it answers (an edge, or the public name, answers 404).
  var signIn = document.querySelector("[data-part=agent-sign-in]");
  fetch("/agent/login", { credentials: "omit", cache: "no-store", redirect: "manual" })
    .then(function (response) { return response.ok; }, function () { return false; })
    .then(function (present) {
      signIn.hidden = !present;
      signIn.setAttribute("data-desk", present ? "present" : "absent");
    });
})();
