/**
 * `gulp build:icons` copies the icons (svg, png) from icons/, nodes/ and credentials/ into dist/,
 * keeping their folders, the n8n-nodes-starter convention for builds that run plain `tsc`.
 * `npm run build` (`n8n-node build`) already copies every svg/png of the package into dist itself,
 * so the build script does not chain this task; run `npx tsc && npx gulp build:icons` for a tsc-only build.
 */
const { task, src, dest, parallel } = require('gulp');

const ICON_GLOB = '**/*.{png,svg}';

function copyIconsFrom(folder) {
	const copy = () => src(`${folder}/${ICON_GLOB}`, { encoding: false, allowEmpty: true }).pipe(dest(`dist/${folder}`));
	copy.displayName = `copy ${folder}/**/*.{png,svg}`;
	return copy;
}

task('build:icons', parallel(copyIconsFrom('icons'), copyIconsFrom('nodes'), copyIconsFrom('credentials')));
