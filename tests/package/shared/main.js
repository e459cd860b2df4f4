// The one-line embed, imported by the package's name as a partner's bundled code does.
import "reading-widget/element";
