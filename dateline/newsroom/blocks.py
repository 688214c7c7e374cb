"""StreamField blocks of an article's body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote_block.html"


class PhotoBlock(blocks.StructBlock):
    photo = ImageChooserBlock(label=_("Photo"))
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=500,
        help_text=_("Leave empty to use the photo's own caption."),
    )

    class Meta:
        icon = "image"
        template = "newsroom/blocks/photo_block.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        template = "newsroom/blocks/fact_box_block.html"


class RelatedArticleBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(label=_("Article"), page_type="newsroom.ArticlePage")

    class Meta:
        icon = "link"
        template = "newsroom/blocks/related_article_block.html"


class PreformattedBlock(blocks.TextBlock):
    """Text set in type as the agency set it: results, tables of figures in columns."""

    class Meta:
        icon = "code"
        template = "newsroom/blocks/preformatted_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    quote = QuoteBlock(label=_("Quote"))
    photo = PhotoBlock(label=_("Photo"))
    embed = EmbedBlock(label=_("Embed"), icon="media")
    fact_box = FactBoxBlock(label=_("Fact box"))
    related_article = RelatedArticleBlock(label=_("Related article"))
    table = TableBlock(label=_("Table"))
    preformatted = PreformattedBlock(label=_("Preformatted text"))
