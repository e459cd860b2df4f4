/// <reference types="reading-widget/vue" />
