// The episode page's behaviour: search, chapter jumps, and the audio player. Reads text with
// textContent and writes only classes, attributes and textContent: transcript text never becomes markup.
"use strict";
(function () {
  const cues = Array.from(document.querySelectorAll("li.cue"));
  const search = document.getElementById("search");
  const count = document.getElementById("search-count");
  const player = document.getElementById("player");

  // Search: a cue stays when its words, its English names or its speaker contain every term typed.
  const haystacks = cues.map((cue) => cue.textContent.replace(/\s+/g, " ").toLowerCase());
  function filter() {
    const terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    cues.forEach((cue, i) => {
      const match = terms.every((term) => haystacks[i].includes(term));
      cue.hidden = !match;
      if (match) shown += 1;
    });
    document.querySelectorAll("section.chapter").forEach((chapter) => {
      chapter.hidden = terms.length > 0 && !chapter.querySelector("li.cue:not([hidden])");
    });
    document.body.classList.toggle("filtering", terms.length > 0);
    count.textContent = terms.length ? `${shown} of ${cues.length} cues` : `${cues.length} cues`;
  }
  search.addEventListener("input", filter);
  // A jump to a cue or chapter shows it even while a search hides it.
  window.addEventListener("hashchange", () => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.closest("#transcript") && (target.hidden || target.closest("[hidden]"))) {
      search.value = "";
      filter();
      target.scrollIntoView();
    }
  });

  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details").forEach((details) => { details.open = true; });
  });

  if (!player) return;
  document.body.classList.add("has-audio");
  const starts = cues.map((cue) => Number(cue.dataset.start) / 1000);
  const ends = cues.map((cue) => Number(cue.dataset.end) / 1000);
  let playing = -1;

  function seek(seconds) {
    player.currentTime = seconds;
    // Browsers may refuse to start playing without a gesture they count; the seek still happens.
    const started = player.play();
    if (started) started.catch(() => {});
  }

  // The cue under the play head: the last cue starting at or before it, while it lasts.
  function cueAt(seconds) {
    let low = 0, high = starts.length - 1, found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle] <= seconds) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found >= 0 && seconds < ends[found] ? found : -1;
  }

  player.addEventListener("timeupdate", () => {
    const now = cueAt(player.currentTime);
    if (now === playing) return;
    if (playing >= 0) { cues[playing].classList.remove("playing"); cues[playing].removeAttribute("aria-current"); }
    playing = now;
    if (now < 0) return;
    cues[now].classList.add("playing");
    cues[now].setAttribute("aria-current", "true");
    if (!player.paused && !cues[now].hidden) cues[now].scrollIntoView({ block: "nearest" });
  });

  // A click on a cue plays from it (a selection of text is left alone, links keep their jump).
  cues.forEach((cue, i) => {
    cue.addEventListener("click", (event) => {
      if (String(window.getSelection() || "")) return;
      if (event.target.closest("a")) event.preventDefault();
      seek(starts[i]);
    });
  });
  document.querySelectorAll("#chapters a[data-start]").forEach((link) => {
    link.addEventListener("click", () => seek(Number(link.dataset.start) / 1000));
  });
})();
