// Demo only (a file, not inline: the page runs under a Content-Security-Policy): insert the tag in index.html's template, with ?queue=… choosing the queue; the hero button opens the chat.
(function () {
  var tag = document.importNode(document.getElementById("parley-embed").content, true).firstElementChild;
  var queue = new URLSearchParams(location.search).get("queue");
  if (queue) tag.setAttribute("data-queue", queue);
  document.body.appendChild(tag);
  document.querySelector("[data-open-chat]").addEventListener("click", function () {
    if (window.Parley) window.Parley.open();
  });
})();
