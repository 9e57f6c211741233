from django.contrib.sitemaps import Sitemap

from .query import live_releases


class ReleaseSitemap(Sitemap):
    changefreq = "never"
    limit = 5000

    def items(self):
        return live_releases().order_by("-published_at").only("url_path", "last_published_at")

    def location(self, item):
        return item.get_url()

    def lastmod(self, item):
        return item.last_published_at


sitemaps = {"releases": ReleaseSitemap}
