/* The search page (templates/search.html): runs the site's Pagefind index in the browser.
   The words, filters and order live in the page's address (?q=...&city=...&sort=...),
   so the header's search box, links and the back button all work. What it says comes
   from the page's #search-messages data block, in the site's language. */
(() => {
  "use strict";

  const PAGE_SIZE = 10;
  const DEBOUNCE_MS = 250;
  const SORTS = { newest: { date: "desc" }, oldest: { date: "asc" } };
  // A query with Chinese characters is looked up in the index that reads the pages as Chinese,
  // which splits text into words; any other query uses the index that stems English words.
  const HAN = /\p{Script=Han}/u;

  const box = document.getElementById("search");
  const fallback = document.getElementById("search-fallback");
  if (!box) return;
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const filters = [...form.querySelectorAll("select[data-filter]")];
  const order = document.getElementById("search-sort");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const messages = JSON.parse(document.getElementById("search-messages").textContent);

  const modules = new Map();
  let generation = 0;
  let results = { count: 0, next: async () => [] };
  let shown = 0;
  let timer = 0;

  // An index is split into shards, each a Pagefind bundle of its own (data-index lists their folders):
  // the first one's pagefind.js is imported and the others are merged into it with mergeIndex, so one
  // search covers them all. Each shard's pages carry a "shard" filter of their own, its number.
  function load(folders) {
    // A digest without briefings has no index: every search finds nothing.
    if (!folders) return Promise.resolve({ pagefind: null, shards: 0 });
    if (!modules.has(folders)) {
      const [first, ...others] = folders.split(" ").map((folder) => new URL(folder, document.baseURI).pathname);
      modules.set(folders, import(`${first}pagefind.js`).then(async (pagefind) => {
        await pagefind.options({ excerptLength: 30, mergeFilter: { shard: "0" } });
        for (const [i, other] of others.entries()) {
          await pagefind.mergeIndex(other, { mergeFilter: { shard: String(i + 1) } });
        }
        return { pagefind, shards: others.length + 1 };
      }));
    }
    return modules.get(folders);
  }

  // Every shard's results for one search. Best match is one search: the merged index orders the results
  // by score. An order by date is not: there a shard's scores are ranks within that shard, so the merged
  // list would interleave the shards. Each shard is then searched on its own, and their ordered lists
  // merged here, reading each result's date as it is reached.
  async function searchShards({ pagefind, shards }, term, options) {
    if (!shards) return { count: 0, next: async () => [] };
    const direction = options.sort.date;
    if (!direction || shards === 1) {
      const all = (await pagefind.search(term, options)).results;
      const count = all.length;
      return { count, next: async (n) => Promise.all(all.splice(0, n).map((result) => result.data())) };
    }
    const lists = [];
    for (let i = 0; i < shards; i++) {
      const filters = { ...options.filters, shard: String(i) };
      lists.push((await pagefind.search(term, { ...options, filters })).results);
    }
    const count = lists.reduce((sum, list) => sum + list.length, 0);
    const heads = lists.map(() => null);
    const before = (a, b) => {
      // Briefings without a date come last either way, as each shard lists them.
      if (!a.meta.date || !b.meta.date) return Boolean(a.meta.date) && !b.meta.date;
      return direction === "desc" ? a.meta.date > b.meta.date : a.meta.date < b.meta.date;
    };
    async function take() {
      await Promise.all(lists.map(async (list, i) => {
        if (heads[i] === null && list.length) heads[i] = await list.shift().data();
      }));
      let best = -1;
      heads.forEach((head, i) => {
        if (head !== null && (best < 0 || before(head, heads[best]))) best = i;
      });
      if (best < 0) return null;
      const data = heads[best];
      heads[best] = null;
      return data;
    }
    // One batch at a time: a second click on "more" waits for the first batch to be taken.
    let taking = Promise.resolve();
    async function batchOf(n) {
      const batch = [];
      for (let data; batch.length < n && (data = await take()) !== null;) batch.push(data);
      return batch;
    }
    return { count, next: (n) => (taking = taking.then(() => batchOf(n))) };
  }

  function unavailable() {
    box.hidden = true;
    fallback.hidden = false;
    // Scripts run, so what is missing is the index: say so rather than blame JavaScript.
    document.getElementById("search-missing").hidden = false;
    list.ariaBusy = "false";
  }

  function chosenFilters() {
    const chosen = {};
    for (const select of filters) {
      if (select.value) chosen[select.dataset.filter] = select.value;
    }
    return chosen;
  }

  function readAddress() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const select of [...filters, order]) {
      select.value = params.get(select.name) || "";
      if (select.selectedIndex < 0) select.value = "";
    }
  }

  function writeAddress(term) {
    const params = new URLSearchParams();
    if (term) params.set("q", term);
    for (const select of [...filters, order]) {
      if (select.value) params.set(select.name, select.value);
    }
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  }

  // A message by name and count ("found.zero", "found.one", "found.other"), its {fields} filled in.
  function message(name, count, term) {
    const form = count === 0 ? "zero" : count === 1 ? "one" : "other";
    const fields = { count: String(count), term };
    return messages[`${name}.${form}`].replace(/\{(count|term)\}/g, (_, field) => fields[field]);
  }

  function describe(count, term, filtered) {
    if (!term) return message(order.value ? "filtered" : "filtered_newest", count, term);
    return message(filtered ? "found_filtered" : "found", count, term);
  }

  async function search() {
    clearTimeout(timer);
    const term = input.value.trim();
    const chosen = chosenFilters();
    const filtered = Object.keys(chosen).length > 0;
    const mine = ++generation;
    list.ariaBusy = "true";
    writeAddress(term);
    if (!term && !filtered) {
      results = { count: 0, next: async () => [] };
      list.replaceChildren();
      list.ariaBusy = "false";
      more.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = messages.searching;
    // Without words there is no best match, so filtered browsing lists the newest first.
    const sort = SORTS[order.value] || (term ? {} : SORTS.newest);
    let found;
    try {
      const index = await load(HAN.test(term) ? box.dataset.cjkIndex : box.dataset.index);
      found = await searchShards(index, term || null, { filters: chosen, sort });
    } catch {
      unavailable();
      return;
    }
    if (mine !== generation) return;
    results = found;
    shown = 0;
    list.replaceChildren();
    status.textContent = describe(results.count, term, filtered);
    await showMore(false);
  }

  async function showMore(moveFocus) {
    const mine = generation;
    list.ariaBusy = "true";
    const batch = await results.next(PAGE_SIZE);
    if (mine !== generation) return;
    const cards = batch.map(card);
    list.append(...cards);
    shown += batch.length;
    more.hidden = shown >= results.count;
    list.ariaBusy = "false";
    if (moveFocus && cards.length) cards[0].querySelector("a").focus();
  }

  function card(data) {
    const item = element("li", "card result");
    const heading = element("h3", "card-title");
    const link = element("a");
    // Pagefind gives the path from the host, sub-path included: /repo/briefings/x/index.html.
    link.href = data.url;
    link.textContent = data.meta.title;
    heading.append(link);
    const meta = element("p", "meta");
    const facts = [];
    if (data.meta.date) {
      const time = element("time");
      time.dateTime = data.meta.date;
      time.textContent = data.meta.date_label || data.meta.date;
      facts.push(time);
    }
    for (const key of ["city", "theme"]) {
      if (data.meta[key]) facts.push(data.meta[key]);
    }
    facts.forEach((fact, i) => {
      if (i) {
        const dot = element("span");
        dot.setAttribute("aria-hidden", "true");
        dot.textContent = "·";
        meta.append(" ", dot, " ");
      }
      meta.append(fact);
    });
    const excerpt = element("p", "excerpt");
    excerpt.append(...highlighted(data.excerpt));
    item.append(heading, meta, excerpt);
    return item;
  }

  // Pagefind's excerpt is escaped page text with <mark> around the matches: keep exactly that.
  function highlighted(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return [...template.content.childNodes].map((node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = element("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }

  function element(name, className) {
    const node = document.createElement(name);
    if (className) node.className = className;
    return node;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    list.ariaBusy = "true";
    timer = setTimeout(search, DEBOUNCE_MS);
  });
  for (const select of [...filters, order]) select.addEventListener("change", search);
  more.addEventListener("click", () => showMore(true));

  // The results are busy until the first search (of the address's words, if any) is shown.
  list.ariaBusy = "true";
  box.hidden = false;
  fallback.hidden = true;
  readAddress();
  load(box.dataset.index).then(search, unavailable);
})();
