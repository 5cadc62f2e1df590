// A running bulk action's page: every few seconds it reads the page again and puts the new numbers into the progress
// (a polite live region, so a screen reader hears them without losing its place), and once the batch is no longer
// running it loads the result. Without JavaScript the page's <noscript> refresh reloads it instead.
(function () {
    var progress = document.getElementById('batch-progress');
    if (!progress) {
        return;
    }
    var delay = (Number(progress.getAttribute('data-refresh-seconds')) || 2) * 1000;
    function look() {
        fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) {
                return response.ok ? response.text() : Promise.reject(new Error(String(response.status)));
            })
            .then(function (html) {
                var next = new DOMParser().parseFromString(html, 'text/html').getElementById('batch-progress');
                if (!next) {
                    location.reload();
                    return;
                }
                progress.replaceChildren.apply(progress, Array.prototype.slice.call(next.childNodes));
                setTimeout(look, delay);
            })
            .catch(function () {
                setTimeout(look, delay * 2);
            });
    }
    setTimeout(look, delay);
})();
