# One image for the Node services of the production-like stack (docker-compose.yml):
# crm-api, telephony and the agent console run from it with different commands.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY ivr-flows/package.json ivr-flows/
COPY pbx-sim/package.json pbx-sim/
COPY telephony/package.json telephony/
COPY crm-api/package.json crm-api/
COPY agent-console/package.json agent-console/
COPY demo/package.json demo/
COPY e2e/package.json e2e/
RUN npm ci --include=dev --ignore-scripts
COPY . .
RUN npm run build -w @cc1357/agent-console
USER node
