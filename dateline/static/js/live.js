/* Dateline live: keeps the newsfeed current and reads on into the next article.
   The page works without it; this only adds liveness. */
(function () {
  "use strict";

  /* The element `selector` of the HTML fragment at `url` (a promise; rejected on failure). */
  function fragment(url, selector, options) {
    return fetch(url, options)
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        return holder.querySelector(selector) || Promise.reject("empty");
      });
  }

  function newsfeed() {
    var list = document.querySelector(".newsfeed__list[data-stream]");
    if (!list || !window.EventSource) return;
    var url = list.dataset.stream + "?last_event_id=" + encodeURIComponent(list.dataset.lastEventId || "0");
    var discussion = document.querySelector("#comments[data-article-id]");
    if (discussion) url += "&article=" + encodeURIComponent(discussion.dataset.articleId);
    var blog = document.querySelector("#liveblog[data-liveblog-id]");
    if (blog) url += "&liveblog=" + encodeURIComponent(blog.dataset.liveblogId);
    var source = new EventSource(url);
    var timeFormat = new Intl.DateTimeFormat(document.documentElement.lang, {
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: list.dataset.timeZone || undefined
    });  /* the edition's clock, as the server writes it (H:i), whatever the reader's locale */

    function itemFor(event) {
      var li = document.createElement("li");
      li.className = "newsfeed__item newsfeed__item--new" + (event.breaking ? " newsfeed__item--breaking" : "");
      li.dataset.id = event.page;
      if (event.live) {
        var badge = document.createElement("span");
        badge.className = "badge badge--live";
        badge.textContent = list.dataset.liveLabel || "Live";
        li.appendChild(badge);
      }
      var time = document.createElement("time");
      if (event.published_at) {
        time.dateTime = event.published_at;
        time.textContent = timeFormat.format(new Date(event.published_at));
      }
      var link = document.createElement("a");
      link.href = event.url;
      link.textContent = event.headline;  /* text, never HTML */
      li.appendChild(time);
      li.appendChild(link);
      return li;
    }

    function existing(event) {
      return list.querySelector('.newsfeed__item[data-id="' + Number(event.page) + '"]');
    }

    source.addEventListener("published", function (message) {
      var event = JSON.parse(message.data);
      var old = existing(event);
      if (old) old.remove();
      var empty = list.querySelector(".newsfeed__empty");
      if (empty) empty.remove();
      list.insertBefore(itemFor(event), list.firstChild);
      while (list.children.length > Number(list.dataset.size || 20)) list.lastElementChild.remove();
    });
    source.addEventListener("updated", function (message) {
      var event = JSON.parse(message.data);
      var old = existing(event);
      if (old) old.replaceWith(itemFor(event));
    });
    source.addEventListener("unpublished", function (message) {
      var old = existing(JSON.parse(message.data));
      if (old) old.remove();
    });
    return source;
  }

  /* The article page is the same for every reader; the discussion is fetched for this one
     and refreshed when the stream says a comment changed. */
  function comments(source) {
    var section = document.querySelector("#comments[data-thread-url]");
    if (!section || !window.fetch) return;
    var url = section.dataset.threadUrl;
    var headers = { "X-Requested-With": "fetch" };
    var refreshing = null;

    function setList(html) {
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var fresh = holder.querySelector(".comments__list");
      var old = section.querySelector(".comments__list");
      if (!fresh || !old) return;
      old.replaceWith(fresh);
      var count = section.querySelector(".comments__count");
      if (count) count.textContent = fresh.dataset.count;
    }

    function refresh() {
      if (refreshing) return;
      refreshing = setTimeout(function () {
        fetch(url + "?part=list", { headers: headers, credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
          .then(setList)
          .catch(function () {})
          .finally(function () { refreshing = null; });
      }, 250);
    }

    function showError(form, text) {
      var box = form.querySelector(".comments__error");
      if (box) { box.textContent = text; box.hidden = !text; }
    }

    section.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-comment-form]");
      if (!form) return;
      event.preventDefault();
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      showError(form, "");
      fetch(form.action, { method: "POST", body: new FormData(form), headers: headers, credentials: "same-origin" })
        .then(function (response) {
          if (response.ok) return response.text().then(function (html) {
            setList(html);
            var text = form.querySelector("textarea[name=body]");
            if (text && form.classList.contains("comments__form")) text.value = "";
            var parent = form.querySelector("input[name=parent]");
            if (parent) parent.value = "";
          });
          return response.json().then(function (problem) { showError(form, problem.error); });
        })
        .catch(function () { showError(form, section.dataset.offline || "Network error"); })
        .finally(function () { if (button) button.disabled = false; });
    });

    /* Earlier comments come a page at a time, above the ones shown. */
    section.addEventListener("click", function (event) {
      var earlier = event.target.closest("a[data-earlier]");
      if (!earlier) return;
      event.preventDefault();
      var older = url + "?part=list&before=" + encodeURIComponent(earlier.dataset.earlier);
      fragment(older, ".comments__list", { headers: headers, credentials: "same-origin" })
        .then(function (older) {
          var row = earlier.closest(".comments__earlier");
          if (!row) return;
          Array.prototype.slice.call(older.children).forEach(function (child) {
            if (!child.classList.contains("comments__empty")) row.parentNode.insertBefore(child, row);
          });
          row.remove();
        })
        .catch(function () {});
    });

    section.addEventListener("click", function (event) {
      var reply = event.target.closest("[data-reply-to]");
      if (!reply) return;
      var form = section.querySelector("form.comments__form");
      if (!form) return;
      form.querySelector("input[name=parent]").value = reply.dataset.replyTo;
      reply.closest(".comments__entry").appendChild(form);
      form.querySelector("textarea").focus();
    });

    fetch(url, { headers: headers, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { section.innerHTML = html; })
      .catch(function () {});
    if (source) source.addEventListener("comment", refresh);
  }

  /* Most read changes with every reader: fetched (and cached apart) after the page. */
  function mostRead() {
    var box = document.querySelector(".most-read[data-most-read-url]");
    if (!box || !window.fetch) return;
    fragment(box.dataset.mostReadUrl, ".most-read__list")
      .then(function (list) {
        var fallback = box.querySelector(".most-read__fallback");
        if (fallback) fallback.replaceWith(list);
      })
      .catch(function () {});
  }

  /* Pages are served from caches, so the browser reports each article it shows. */
  /* One view of `article`, with the host the reader came from (our own for an article read
     on into): the server keeps only its kind (search, social, direct…). */
  function countView(article, cameFrom) {
    if (!article || !article.dataset.viewUrl || article.dataset.viewCounted) return;
    article.dataset.viewCounted = "1";
    var url = article.dataset.viewUrl + "?from=" + encodeURIComponent(cameFrom || "");
    if (navigator.sendBeacon) navigator.sendBeacon(url);
    else if (window.fetch) fetch(url, { method: "POST", keepalive: true });
  }

  function referringHost() {
    try { return document.referrer ? new URL(document.referrer).hostname : ""; } catch (e) { return ""; }
  }

  function infiniteReading() {
    var nav = document.querySelector(".next-article[data-next-url]");
    if (!nav || !window.IntersectionObserver || !window.fetch || !history.pushState) return;
    var limit = Number(nav.dataset.limit || 5);
    var loaded = 0;
    var loading = false;
    var nextUrl = nav.dataset.nextUrl;
    var link = nav.querySelector(".next-article__link");
    /* Shown while the next article is on its way. */
    var loader = document.createElement("p");
    loader.className = "next-article__loading";
    loader.setAttribute("role", "status");
    loader.textContent = nav.dataset.loadingLabel || "";
    loader.hidden = true;
    nav.appendChild(loader);
    var first = document.querySelector("article.article");
    var pages = [{ element: first, url: location.pathname, title: document.title }];
    var current = pages[0];

    var follower = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        var page = pages.find(function (p) { return p.element === entry.target; });
        if (!page || page === current) return;
        current = page;
        if (location.pathname !== page.url) history.pushState({ url: page.url }, "", page.url);
        document.title = page.title;
        countView(page.element, location.hostname);
      });
    }, { rootMargin: "0px 0px -60% 0px" });

    function loadNext() {
      if (loading || !nextUrl || loaded >= limit) return;
      loading = true;
      nav.setAttribute("aria-busy", "true");
      loader.hidden = false;
      fragment(nextUrl, ".infinite-item", { headers: { "X-Requested-With": "fetch" } })
        .then(function (item) {
          nav.parentNode.insertBefore(item, nav);
          var article = item.querySelector("article.article");
          pages.push({ element: article, url: item.dataset.url, title: item.dataset.title });
          follower.observe(article);
          loaded += 1;
          nextUrl = item.dataset.nextUrl;
          /* The box names the article after the last one shown, title and address alike. */
          if (link && item.dataset.nextHref) {
            link.href = item.dataset.nextHref;
            link.textContent = item.dataset.nextTitle;
          } else {
            nav.hidden = true;
          }
          if (!nextUrl || loaded >= limit) observer.disconnect();
        })
        .catch(function () { nextUrl = null; })
        .finally(function () { loading = false; nav.removeAttribute("aria-busy"); loader.hidden = true; });
    }

    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) loadNext();
    }, { rootMargin: "600px 0px" });
    observer.observe(nav);
    follower.observe(first);

    window.addEventListener("popstate", function () {
      var page = pages.find(function (p) { return p.url === location.pathname; });
      if (page) { page.element.scrollIntoView(); document.title = page.title; }
      else location.reload();
    });
  }

  /* A live blog's entries, pushed over the page's one stream: each placed by its time
     (latest on top, pinned ones above), replaced when edited, removed when deleted. An entry
     already shown (in the page, or replayed after a reconnect) is never shown twice. */
  function liveBlog(source) {
    var blog = document.querySelector("#liveblog[data-liveblog-id]");
    if (!blog || !source) return;
    var pinned = blog.querySelector("[data-pinned]");
    var list = blog.querySelector("[data-entries]");

    function shown(id) {
      return blog.querySelector('[data-entry-id="' + Number(id) + '"]');
    }

    function newer(a, b) {  /* a before b on the page: posted later, or the same time and a higher id */
      var at = a.dataset.postedAt, bt = b.dataset.postedAt;
      return at === bt ? Number(a.dataset.entryId) > Number(b.dataset.entryId) : Date.parse(at) > Date.parse(bt);
    }

    function place(entry, holder) {
      var next = Array.prototype.find.call(holder.children, function (child) {
        return child.dataset.entryId && newer(entry, child);
      });
      holder.insertBefore(entry, next || null);
    }

    source.addEventListener("entry", function (message) {
      var event = JSON.parse(message.data);
      if (Number(event.page) !== Number(blog.dataset.liveblogId) || !event.html) return;
      var holder = document.createElement("div");
      holder.innerHTML = event.html;  /* rendered by our server from sanitised rich text */
      var entry = holder.querySelector("[data-entry-id]");
      if (!entry) return;
      var old = shown(event.entry);
      if (old) old.remove();
      var empty = list.querySelector(".liveblog__empty");
      if (empty) empty.remove();
      if (!old) entry.classList.add("entry--new");
      place(entry, event.pinned ? pinned : list);
    });
    source.addEventListener("entry-deleted", function (message) {
      var old = shown(JSON.parse(message.data).entry);
      if (old) old.remove();
    });
  }

  var stream = newsfeed();
  comments(stream);
  liveBlog(stream);
  countView(document.querySelector("article.article"), referringHost());
  infiniteReading();
  mostRead();
})();
