/// <reference types="reading-widget/jsx" />
// Bad JSX: each line marked `expect TSnnnn` must fail with that error, and nothing else may.
import "reading-widget/element";

export const badTheme = <reading-widget theme="blue" />; // expect TS2322
export const badStep = <reading-widget font-step={9} />; // expect TS2322
export const unknown = <reading-widget colour="red" />; // expect TS2322
export const misspelt = <reading-widget onfontstepchange={(event) => event.detail.stpe} />; // expect TS2339
export const wrongEvent = <reading-widget onsectionchange={(event) => event.detail.step} />; // expect TS2339
